/** The model tarball's bucket and object (deploy-targets.md §2.1 steps 1 and 2). */
import { createReadStream } from "node:fs";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type BucketLocationConstraint,
  type S3Client,
} from "@aws-sdk/client-s3";
import { DeployError } from "../errors";
import { errorName, httpStatusOf, isNotFound, toDeployError } from "./sagemaker-errors";
import type { ModelTarball } from "./model-tarball";

/** HeadBucket; CreateBucket when missing. Returns whether it was created. */
export async function ensureBucket(s3: S3Client, bucket: string, region: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (err) {
    if (httpStatusOf(err) === 403) {
      throw new DeployError("PERMISSION_DENIED", `Bucket ${bucket} exists but these credentials cannot use it.`, {
        hint: "Set a bucket of this account in the config, or grant s3:ListBucket/PutObject on it.",
        cause: err,
      });
    }
    if (!isNotFound(err) && httpStatusOf(err) !== 404) throw toDeployError(err);
  }
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 takes no LocationConstraint; every other region needs its own.
        ...(region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    return true;
  } catch (err) {
    if (errorName(err) === "BucketAlreadyOwnedByYou") return false;
    throw toDeployError(err);
  }
}

/** PutObject of the tarball, tagged `SageMaker=true` (so the AmazonSageMakerFullAccess policy may read it). */
export async function uploadTarball(s3: S3Client, bucket: string, key: string, tarball: ModelTarball): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: createReadStream(tarball.file),
        ContentLength: tarball.bytes,
        ContentType: "application/gzip",
        Tagging: "SageMaker=true",
      }),
    );
  } catch (err) {
    throw toDeployError(err);
  }
}

/** DeleteObject; a missing object or bucket counts as deleted. */
export async function deleteObject(s3: S3Client, bucket: string, key: string): Promise<void> {
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  } catch (err) {
    if (!isNotFound(err)) throw toDeployError(err);
  }
}
