/**
 * The CDK app (cdk.json runs it with tsx): `MltrackRepositories` and `Mltrack`, configured from
 * context. `npx cdk deploy Mltrack -c imageTag=… -c domainName=… -c certificateArn=…` (README.md).
 */
import { App } from "aws-cdk-lib";
import { addMltrackStacks } from "../lib/app";

const app = new App();
addMltrackStacks(app);
app.synth();
