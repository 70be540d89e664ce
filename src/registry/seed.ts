/** The registry entries of the tutorial's types, which live beside their translation helpers. */
import { registryEntry as randomString } from "./heat/RandomString";
import { registryEntry as floatingIp } from "./neutron/FloatingIP";
import { registryEntry as floatingIpAssociation } from "./neutron/FloatingIPAssociation";
import { registryEntry as net } from "./neutron/Net";
import { registryEntry as port } from "./neutron/Port";
import { registryEntry as router } from "./neutron/Router";
import { registryEntry as routerInterface } from "./neutron/RouterInterface";
import { registryEntry as securityGroup } from "./neutron/SecurityGroup";
import { registryEntry as subnet } from "./neutron/Subnet";
import { registryEntry as server } from "./nova/Server";
import { RegistryEntry } from "./types";

export const seedEntries: readonly RegistryEntry[] = [
  server,
  randomString,
  securityGroup,
  net,
  subnet,
  router,
  routerInterface,
  port,
  floatingIp,
  floatingIpAssociation,
];
