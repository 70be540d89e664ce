#!/usr/bin/python3
"""Idempotent bootstrap of the loopback OpenStack (run with the system Python, /usr/bin/python3).

  bootstrap.py identity    service users, roles, catalog endpoints, the heat stack-user domain
  bootstrap.py ready       waits until nova-compute and heat-engine report "up" (discovers the host)
  bootstrap.py resources   what the Heat tutorial assumes: image, flavor, keypair, public-net, private-net
  bootstrap.py check       exits 1 and names what is down if compute or heat-engine is not "up"
Several steps may be given; they run in that order in one process.

One Python process talking to the APIs costs seconds; the same through ~40 `openstack` CLI calls
costs minutes. Settings come from the environment that scripts/openstack-aio.sh exports.
"""
import os
import subprocess
import sys
import time

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

ENV = os.environ
PASSWORD = ENV["AIO_PASSWORD"]
AUTH_URL = ENV["AIO_AUTH_URL"]
REGION = "RegionOne"
HOST = "127.0.0.1"


def admin_session():
    auth = v3.Password(auth_url=AUTH_URL, username="admin", password=PASSWORD, project_name="admin",
                       user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth)


def first(items):
    items = list(items)
    return items[0] if items else None


def identity():
    from keystoneclient.v3 import client
    ks = client.Client(session=admin_session())
    default = ks.domains.get("default")

    def project(name):
        return first(ks.projects.list(name=name, domain=default)) or ks.projects.create(name, default)

    def user(name, domain=default):
        return first(ks.users.list(name=name, domain=domain)) or ks.users.create(name, domain=domain, password=PASSWORD)

    def role(name):
        return first(ks.roles.list(name=name)) or ks.roles.create(name)

    service_project, admin_project = project("service"), project("admin")
    admin_role, service_role = role("admin"), role("service")
    for name in ("member", "reader", "heat_stack_user"):
        role(name)
    ks.roles.grant(role("heat_stack_owner"), user=user("admin"), project=admin_project)
    catalog = [
        ("glance", "glance", "image", f"http://{HOST}:9292"),
        ("placement", "placement", "placement", f"http://{HOST}:8778"),
        ("nova", "nova", "compute", f"http://{HOST}:8774/v2.1"),
        ("neutron", "neutron", "network", f"http://{HOST}:9696"),
        ("heat", "heat", "orchestration", f"http://{HOST}:8004/v1/%(tenant_id)s"),
        # Heat's engine looks this endpoint up for cfn metadata URLs; no heat-api-cfn runs behind it.
        ("heat", "heat-cfn", "cloudformation", f"http://{HOST}:8000/v1"),
    ]
    for username, name, service_type, url in catalog:
        service_user = user(username)
        ks.roles.grant(admin_role, user=service_user, project=service_project)
        # nova sends a service token to neutron; without the "service" role neutron answers 500.
        ks.roles.grant(service_role, user=service_user, project=service_project)
        service = first(ks.services.list(type=service_type)) or ks.services.create(name, type=service_type)
        existing = {e.interface for e in ks.endpoints.list(service=service)}
        for interface in ("public", "internal", "admin"):
            if interface not in existing:
                ks.endpoints.create(service, url, interface=interface, region=REGION)
    heat_domain = first(ks.domains.list(name="heat")) or ks.domains.create("heat", description="Heat stack users")
    ks.roles.grant(admin_role, user=user("heat_domain_admin", heat_domain), domain=heat_domain)
    print("identity: users, roles, endpoints and the heat domain registered")


def connection():
    import openstack
    return openstack.connection.Connection(session=admin_session(), region_name=REGION)


def down_services(conn):
    """Names of the agents that are not up yet: nova-compute (with its hypervisor) and heat-engine."""
    down = []
    computes = [s for s in conn.compute.services() if s.binary == "nova-compute"]
    if not any(s.state == "up" for s in computes):
        down.append("nova-compute (no compute service up)")
    elif not list(conn.compute.hypervisors()):
        down.append("nova-compute (host not discovered in the cell yet)")
    engines = conn.orchestration.get("/services").json().get("services", [])
    if not any(e.get("status") == "up" for e in engines):
        down.append("heat-engine (not reporting up)")
    return down


def ready(timeout=240):
    conn = connection()
    deadline = time.monotonic() + timeout
    while True:
        try:
            down = down_services(conn)
        except Exception as error:  # an API still starting answers 503 or refuses connections
            down = [f"API not answering yet: {error}"]
        if not down:
            print("ready: nova-compute and heat-engine are up")
            return 0
        if any("not discovered" in d for d in down):
            subprocess.run(["nova-manage", "--config-file", ENV["AIO_NOVA_CONF"], "cell_v2", "discover_hosts"],
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if time.monotonic() > deadline:
            print("not ready after %ds: %s" % (timeout, "; ".join(down)), file=sys.stderr)
            return 1
        time.sleep(2)


def check():
    try:
        down = down_services(connection())
    except Exception as error:
        down = [f"API call failed: {error}"]
    for d in down:
        print(f"DOWN  {d}")
    return 1 if down else 0


def resources():
    conn = connection()
    aio = ENV["AIO_DIR"]
    # The fake driver never reads the image; a small file stands in for the tutorial's images.
    image_file = os.path.join(aio, "fake-image.img")
    if not os.path.exists(image_file):
        with open(image_file, "wb") as f:
            f.write(b"\0" * 65536)
    for image_name in ("cirros-0.3.3-x86_64", "trusty-server-cloudimg-amd64"):
        if not conn.image.find_image(image_name):
            conn.image.create_image(name=image_name, filename=image_file, disk_format="qcow2",
                                    container_format="bare", visibility="public", wait=True)
    flavors = {"m1.tiny": (512, 1), "m1.small": (2048, 20)}
    for name, (ram, disk) in flavors.items():
        if not conn.compute.find_flavor(name):
            conn.compute.create_flavor(name=name, ram=ram, disk=disk, vcpus=1, is_public=True)
    if not conn.compute.find_keypair("my_key"):
        with open(os.path.join(aio, "my_key.pub")) as f:
            conn.compute.create_keypair(name="my_key", public_key=f.read().strip())
    public = conn.network.find_network("public-net")
    if not public:
        public = conn.network.create_network(name="public-net", is_router_external=True, is_shared=True,
                                             provider_network_type="flat", provider_physical_network="public")
    if not conn.network.find_subnet("public-subnet"):
        # 203.0.113.0/24 is TEST-NET-3 (RFC 5737): documentation addresses, never contacted.
        conn.network.create_subnet(name="public-subnet", network_id=public.id, ip_version=4,
                                   cidr="203.0.113.0/24", gateway_ip="203.0.113.1", is_dhcp_enabled=False,
                                   allocation_pools=[{"start": "203.0.113.10", "end": "203.0.113.250"}])
    private = conn.network.find_network("private-net")
    if not private:
        private = conn.network.create_network(name="private-net")
    private_subnet = conn.network.find_subnet("private-subnet")
    if not private_subnet:
        private_subnet = conn.network.create_subnet(name="private-subnet", network_id=private.id, ip_version=4,
                                                    cidr="10.0.0.0/24")
    router = conn.network.find_router("private-router")
    if not router:
        router = conn.network.create_router(name="private-router", external_gateway_info={"network_id": public.id})
        conn.network.add_interface_to_router(router, subnet_id=private_subnet.id)
    print("resources: images, flavors, my_key, public-net (203.0.113.0/24), private-net (10.0.0.0/24) present")


if __name__ == "__main__":
    steps = {"identity": identity, "ready": ready, "resources": resources, "check": check}
    wanted = sys.argv[1:]
    if not wanted or any(step not in steps for step in wanted):
        sys.exit("usage: bootstrap.py identity|ready|resources|check ...  (steps run in the order given)")
    for step in wanted:
        code = steps[step]() or 0
        if code:
            sys.exit(code)
