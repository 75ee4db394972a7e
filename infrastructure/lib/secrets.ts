/**
 * The generated secrets the services share. Secrets Manager generates each value at deploy, so it
 * never passes through the template, and ECS injects it into the containers at start. They are
 * encrypted with the account's AWS-managed key (aws/secretsmanager): only this account's task
 * execution roles read them, so a customer-managed key would add cost and a key policy to keep,
 * not protection. The database password is the RDS instance's own secret (data.ts).
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

export class AppSecrets extends Construct {
  /** NEXTAUTH_SECRET: signs and encrypts the UI's sessions. */
  readonly nextAuthSecret: secretsmanager.Secret;
  /** The password of MLflow's `admin` user, which the UI signs in to MLflow as. */
  readonly mlflowAdminPassword: secretsmanager.Secret;
  /** MLFLOW_FLASK_SERVER_SECRET_KEY: the basic-auth app's CSRF key. */
  readonly flaskSecretKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Letters and digits only: the values go into env, an ini file and Basic credentials unescaped.
    const generated = (name: string, description: string, length: number) =>
      new secretsmanager.Secret(this, name, {
        description,
        generateSecretString: { passwordLength: length, excludePunctuation: true, includeSpace: false },
      });
    this.nextAuthSecret = generated("NextAuthSecret", "MLTrack NEXTAUTH_SECRET (UI sessions)", 64);
    this.mlflowAdminPassword = generated("MlflowAdminPassword", "MLflow basic-auth admin password", 40);
    this.flaskSecretKey = generated("FlaskSecretKey", "MLflow basic-auth Flask secret key", 64);
    // MLflow stores the admin password in the database at its first start: the two must stay together.
    this.mlflowAdminPassword.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
