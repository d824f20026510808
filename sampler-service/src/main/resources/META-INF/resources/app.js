// The sampler's page: fetches images with fetch() so it can read the model version and seed headers,
// and shows them as blob URLs. No framework: a few elements and a few endpoints. A conditional model also
// draws the digit chosen for the grid and writes the number typed (number.png); an unconditional one answers
// those with a 400 whose message the page shows.
'use strict';

const $ = (id) => document.getElementById(id);
// Seeds below 2^31 are plenty for a page and stay exact in JavaScript numbers.
const randomSeed = () => Math.floor(Math.random() * 2147483647);

async function fetchImage(url, img, errorBox) {
  errorBox.hidden = true;
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
    errorBox.textContent = message;
    errorBox.hidden = false;
    img.hidden = true;
    return null;
  }
  img.hidden = false;
  const blob = await response.blob();
  const previous = img.src;
  await new Promise((resolve) => {
    img.onload = resolve;
    img.onerror = resolve;
    img.src = URL.createObjectURL(blob);
  });
  if (previous.startsWith('blob:')) URL.revokeObjectURL(previous);
  img.dataset.seed = response.headers.get('X-Seed') || '';
  img.dataset.modelVersion = response.headers.get('X-Model-Version') || '';
  return response;
}

async function loadGrid() {
  const button = $('more');
  button.disabled = true;
  try {
    const seed = randomSeed();
    const digit = $('grid-digit').disabled ? '' : $('grid-digit').value;
    const url = '/digits/grid.png?n=64&columns=8&seed=' + seed + (digit ? '&digit=' + encodeURIComponent(digit) : '');
    const response = await fetchImage(url, $('grid'), $('grid-error'));
    if (response) {
      $('grid').dataset.digit = digit;
      $('grid-seed').textContent = response.headers.get('X-Seed');
      await showModel();
    }
  } catch (e) {
    $('grid-error').textContent = 'cannot reach the sampler: ' + e.message;
    $('grid-error').hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function loadWalk(event) {
  if (event) event.preventDefault();
  const from = $('walk-from').value, to = $('walk-to').value, steps = $('walk-steps').value;
  const url = '/digits/walk.png?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to)
      + '&steps=' + encodeURIComponent(steps);
  try {
    await fetchImage(url, $('walk'), $('walk-error'));
  } catch (e) {
    $('walk-error').textContent = 'cannot reach the sampler: ' + e.message;
    $('walk-error').hidden = false;
  }
}

// One seed per "hand": the same number typed again with it is drawn the same way.
let numberSeed = randomSeed();
let numberTimer = null;

async function loadNumber(event) {
  if (event) event.preventDefault();
  clearTimeout(numberTimer);
  const value = $('number-value').value.trim();
  if (!value) return;
  const url = '/digits/number.png?scale=4&seed=' + numberSeed + '&value=' + encodeURIComponent(value);
  try {
    const response = await fetchImage(url, $('number'), $('number-error'));
    if (response) $('number').dataset.value = value;
  } catch (e) {
    $('number-error').textContent = 'cannot reach the sampler: ' + e.message;
    $('number-error').hidden = false;
  }
}

// Drawn as the user types, once typing pauses.
function numberTyped() {
  clearTimeout(numberTimer);
  numberTimer = setTimeout(loadNumber, 300);
}

function anotherHand() {
  numberSeed = randomSeed();
  loadNumber();
}

function randomWalkEnds() {
  $('walk-from').value = randomSeed();
  $('walk-to').value = randomSeed();
  loadWalk();
}

const fmt = (x) => (typeof x === 'number' && isFinite(x)) ? x.toFixed(3) : '–';
// About three significant figures, as the policy's reason writes distances.
const fig = (x) => (typeof x !== 'number' || !isFinite(x)) ? '–'
    : x.toFixed(Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3);

// The evaluator's scores (QualityScores), or why there are none.
function qualityText(q) {
  if (!q) return 'unscored';
  return 'Fréchet distance ' + fig(q.frechetDistance) + ' · Inception Score ' + fig(q.inceptionScore)
      + ' · label entropy ' + fig(q.labelEntropyBits) + ' bits'
      + (typeof q.labelAccuracy === 'number' ? ' · label accuracy ' + (100 * q.labelAccuracy).toFixed(1) + ' %' : '')
      + ' · N ' + q.samples + ', evaluator ' + q.evaluator;
}

async function showModel() {
  try {
    const [model, policy] = await Promise.all([
      fetch('/models/current', { cache: 'no-store' }).then((r) => r.ok ? r.json() : null),
      fetch('/models/policy', { cache: 'no-store' }).then((r) => r.ok ? r.json() : null),
    ]);
    if (model) {
      $('model-version').textContent = model.modelVersion + (model.source === 'shipped' ? ' (shipped with the service)' : '');
      $('model-draws').textContent = model.conditional
          ? 'the digit you ask for (conditional, ' + model.classes + ' classes)'
          : 'digits at random (unconditional: it cannot draw a chosen digit)';
      $('grid-digit').disabled = !model.conditional;
      $('model-progress').textContent = 'epoch ' + model.epoch + ', step ' + model.step + (model.preset ? ' · preset ' + model.preset : '');
      $('model-losses').textContent = 'D ' + fmt(model.discriminatorLoss) + ' · G ' + fmt(model.generatorLoss);
      $('model-time').textContent = model.createdAt ? new Date(model.createdAt).toLocaleString() : '–';
      $('model-quality').textContent = qualityText(model.quality);
    }
    if (policy) {
      $('model-policy').textContent = policy.mode + (policy.version ? ' ' + policy.version : '');
      $('model-reason').textContent = policy.reason || '–';
    }
  } catch (e) {
    $('model-version').textContent = 'unknown (' + e.message + ')';
  }
}

$('more').addEventListener('click', loadGrid);
$('grid-digit').addEventListener('change', loadGrid);
$('number-form').addEventListener('submit', loadNumber);
$('number-value').addEventListener('input', numberTyped);
$('number-hand').addEventListener('click', anotherHand);
$('walk-form').addEventListener('submit', loadWalk);
$('walk-random').addEventListener('click', randomWalkEnds);
$('walk-from').value = randomSeed();
$('walk-to').value = randomSeed();
loadGrid();
loadNumber();
loadWalk();
// New checkpoints arrive while the page is open: keep the model panel current.
setInterval(showModel, 10000);
