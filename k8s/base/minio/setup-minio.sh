#!/bin/sh
# Prepares MinIO for the services, idempotently: the bucket, a policy that allows only object and
# listing operations on that bucket, and the services' own S3 user with that policy. The services
# never get the MinIO root credentials. POSIX sh without grep: the mc image is minimal.
set -eu

endpoint="${DIGITGAN_S3_ENDPOINT:?DIGITGAN_S3_ENDPOINT must be set}"
bucket="${DIGITGAN_S3_BUCKET:-digitgan}"
: "${MINIO_ROOT_USER:?MINIO_ROOT_USER must be set}"
: "${MINIO_ROOT_PASSWORD:?MINIO_ROOT_PASSWORD must be set}"
: "${DIGITGAN_S3_ACCESS_KEY:?DIGITGAN_S3_ACCESS_KEY must be set}"
: "${DIGITGAN_S3_SECRET_KEY:?DIGITGAN_S3_SECRET_KEY must be set}"
attempts="${DIGITGAN_MINIO_WAIT_ATTEMPTS:-60}"
policy="digitgan-rw"

# mc keeps its aliases in a config directory; the root filesystem is read-only.
MC_CONFIG_DIR="${MC_CONFIG_DIR:-/tmp/mc}"
export MC_CONFIG_DIR
mkdir -p "${MC_CONFIG_DIR}"

i=1
until mc alias set digitgan "${endpoint}" "${MINIO_ROOT_USER}" "${MINIO_ROOT_PASSWORD}" >/dev/null 2>&1; do
  if [ "${i}" -ge "${attempts}" ]; then
    echo "setup-minio: MinIO at ${endpoint} not reachable after ${attempts} attempts" >&2
    exit 1
  fi
  echo "setup-minio: waiting for MinIO at ${endpoint} (${i}/${attempts})"
  i=$((i + 1))
  sleep 5
done

mc mb --ignore-existing "digitgan/${bucket}"

cat >"${MC_CONFIG_DIR}/${policy}.json" <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::${bucket}"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                 "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::${bucket}/*"]
    }
  ]
}
POLICY
mc admin policy create digitgan "${policy}" "${MC_CONFIG_DIR}/${policy}.json"
# Adding an existing user only resets its secret key, which keeps the user in step with the Secret.
mc admin user add digitgan "${DIGITGAN_S3_ACCESS_KEY}" "${DIGITGAN_S3_SECRET_KEY}"
user_info="$(mc admin user info digitgan "${DIGITGAN_S3_ACCESS_KEY}")"
case "${user_info}" in
  *"${policy}"*) echo "setup-minio: policy ${policy} already attached" ;;
  *) mc admin policy attach digitgan "${policy}" --user "${DIGITGAN_S3_ACCESS_KEY}" ;;
esac
echo "setup-minio: bucket ${bucket} and user ${DIGITGAN_S3_ACCESS_KEY} ready"
