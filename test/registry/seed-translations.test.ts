import { isUuidLike, splitNameOrId } from "../../src/registry/nameOrId";
import { portSecurityGroupArgs } from "../../src/registry/neutron/Port";
import { firstAddress, userDataFor } from "../../src/registry/nova/Server";

describe("isUuidLike (oslo uuidutils.is_uuid_like)", () => {
  it.each([
    ["5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", true],
    ["5D2F0A617C4E4B8A9E3F2A6B1C9D8E70", true],
    ["{5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70}", true],
    ["urn:uuid:5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", true],
    ["public-net", false],
    ["5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e7", false],
    [" 5d2f0a61-7c4e-4b8a-9e3f-2a6b1c9d8e70", false],
  ])("%s → %s", (value, expected) => {
    expect(isUuidLike(value)).toBe(expected);
  });

  it("splits a plain name or ID into exactly one provider argument", () => {
    expect(splitNameOrId("public-net")).toEqual({ name: "public-net" });
    expect(splitNameOrId("42", (v) => /^[0-9]+$/.test(v))).toEqual({ id: "42" });
  });
});

describe("OS::Nova::Server", () => {
  const nic = (name: string, fixedIpV4: string, fixedIpV6 = "") => ({ name, fixedIpV4, fixedIpV6, uuid: "", port: "", mac: "", floatingIp: "" });

  it.each([
    ["one network", [nic("private", "10.10.10.5")], "10.10.10.5"],
    ["networks in reverse name order: z before a", [nic("alpha", "10.0.0.2"), nic("zulu", "10.9.0.3")], "10.9.0.3"],
    ["a network without an address is skipped", [nic("zulu", ""), nic("alpha", "10.0.0.2")], "10.0.0.2"],
    ["IPv6 only", [nic("v6", "", "fd00::5")], "fd00::5"],
    ["no address at all", [nic("private", "")], ""],
  ])("first_address: %s", (_title, networks, expected) => {
    expect(firstAddress(networks)).toBe(expected);
  });

  it("passes RAW user_data verbatim and refuses the formats that need Heat's boot scripts", () => {
    expect(userDataFor("RAW", "#!/bin/sh\n")).toBe("#!/bin/sh\n");
    expect(() => userDataFor("HEAT_CFNTOOLS", "x")).toThrow("user_data_format HEAT_CFNTOOLS is not supported");
  });
});

describe("OS::Neutron::Port security_groups", () => {
  it("distinguishes left out (Neutron's default group), [] (none) and a list", () => {
    expect(portSecurityGroupArgs(undefined)).toEqual({});
    expect(portSecurityGroupArgs([])).toEqual({ noSecurityGroups: true });
    expect(portSecurityGroupArgs(["sg-1"])).toEqual({ securityGroupIds: ["sg-1"] });
  });
});
