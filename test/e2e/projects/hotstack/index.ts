// The stack of test/e2e/hotstack.test.ts: a HOT template imported unchanged by HotStack. Config:
// `template` (path of the .yaml) and the template's parameters by name (gmail_password --secret);
// HotStack reads missing parameters from this project's config namespace itself.
import * as pulumi from "@pulumi/pulumi";
import { HotStack } from "../../../../src/import/HotStack";

const config = new pulumi.Config();

const stack = new HotStack("heat_2d", { template: config.require("template"), parameters: { image: config.require("image") } });

/** Name of the instance (the template's output). */
export const instance_name = stack.outputs.instance_name;
/** The IP address of the deployed instance (the template's output). */
export const instance_ip = stack.outputs.instance_ip;
