#!/usr/bin/env bash
# A minimal, real OpenStack Zed (Debian bookworm packages) on 127.0.0.1 for heatshift's end-to-end tests:
# keystone, glance, placement, nova (api, conductor, scheduler, compute with the fake driver), neutron-server
# (ML2/openvswitch, no agents), heat-api + heat-engine, on mariadb and rabbitmq. No systemd: this script
# starts every daemon itself (setsid + pidfile). State, configs, logs and credentials live in $AIO_DIR.
#
# Usage: scripts/openstack-aio.sh up|down|status|wipe|install
#   up      install packages if missing, configure, start, bootstrap; fast when already up
#   down    stop every daemon and wait until each has exited
#   status  one line per service; exit 1 if any is down
#   wipe    down, then delete $AIO_DIR's state (databases, keys, images): the next `up` starts fresh
#   install only install the Debian packages
# After `up`: `. .aio/openrc` (OS_* variables) or OS_CLOUD=heatshift-aio OS_CLIENT_CONFIG_FILE=.aio/clouds.yaml.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AIO_DIR=$(mkdir -p "${AIO_DIR:-$HERE/../.aio}" && cd "${AIO_DIR:-$HERE/../.aio}" && pwd)
ETC=$AIO_DIR/etc LOGS=$AIO_DIR/logs RUN=$AIO_DIR/run STATE=$AIO_DIR/state
PASSWORD=secret
DB="mysql+pymysql://openstack:$PASSWORD@127.0.0.1:3306"
RABBIT="rabbit://openstack:$PASSWORD@127.0.0.1:5672/"
KEYSTONE=http://127.0.0.1:5000
CLOUD_NAME=heatshift-aio
BOOTSTRAP="/usr/bin/python3 $HERE/openstack-aio/bootstrap.py"
export AIO_DIR AIO_PASSWORD=$PASSWORD AIO_AUTH_URL=$KEYSTONE/v3 AIO_NOVA_CONF=$ETC/nova/nova.conf
# rabbitmq and its CLI tools: node, distribution and epmd on loopback only.
export RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 \
  RABBITMQ_DIST_PORT=25672 ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=4369 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  RABBITMQ_MNESIA_BASE=$AIO_DIR/rabbitmq/mnesia RABBITMQ_LOG_BASE=$LOGS/rabbitmq \
  RABBITMQ_CONFIG_FILE=$ETC/rabbitmq/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$ETC/rabbitmq/enabled_plugins
say() { echo "[$(date -u +%T)] $*"; }
die() { echo "openstack-aio: $*" >&2; exit 1; }

# The OpenStack daemons, "name port" (0: no API port), in the order `up` starts them (see start_daemon).
DAEMONS=(
  "keystone 5000"
  "glance-api 9292"
  "placement-api 8778"
  "nova-api 8774"
  "nova-conductor 0"
  "nova-scheduler 0"
  "nova-compute 0"
  "neutron-server 9696"
  "heat-engine 0"
  "heat-api 8004"
)

############################################################################ install
install_packages() {
  local missing=() pkg
  while read -r pkg; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done < "$HERE/openstack-aio/packages.txt"
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${#missing[@]} packages: ${missing[*]}"
  # Package scripts must not start services: this script starts them itself, on loopback only.
  [ -x /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  apt-get -o DPkg::Lock::Timeout=900 update -q
  apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}"
}

############################################################################ configuration
keystone_authtoken() { # service user
  printf '[keystone_authtoken]\nwww_authenticate_uri = %s\nauth_url = %s\nauth_type = password\n' "$KEYSTONE" "$KEYSTONE"
  printf 'project_domain_name = Default\nuser_domain_name = Default\nproject_name = service\nusername = %s\npassword = %s\n' "$1" "$PASSWORD"
}
service_auth() { # section user
  printf '[%s]\nauth_url = %s\nauth_type = password\nregion_name = RegionOne\n' "$1" "$KEYSTONE"
  printf 'project_domain_name = Default\nuser_domain_name = Default\nproject_name = service\nusername = %s\npassword = %s\n' "$2" "$PASSWORD"
}

write_configs() {
  mkdir -p "$ETC"/{mysql,rabbitmq,keystone,glance,placement,nova,neutron,heat} "$LOGS/rabbitmq" "$RUN" "$STATE" \
    "$AIO_DIR"/{rabbitmq,glance/images,glance/staging,glance/tasks,nova/instances,nova/tmp,neutron/tmp,keystone}
  cat > "$ETC/mysql/my.cnf" <<EOF
[mysqld]
user = root
datadir = $AIO_DIR/mysql
socket = $RUN/mysqld.sock
pid-file = $RUN/mysqld.pid
bind-address = 127.0.0.1
port = 3306
skip-name-resolve
log-error = $LOGS/mariadb.log
max_connections = 500
innodb_buffer_pool_size = 128M
[client]
socket = $RUN/mysqld.sock
EOF
  printf '[].\n' > "$ETC/rabbitmq/enabled_plugins"
  printf 'listeners.tcp.default = 127.0.0.1:5672\nloopback_users = none\n' > "$ETC/rabbitmq/rabbitmq.conf"

  cat > "$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
log_file = $LOGS/keystone.log
[database]
connection = $DB/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $AIO_DIR/keystone/fernet-keys
[credential]
key_repository = $AIO_DIR/keystone/credential-keys
[identity]
# A test cloud: bcrypt's default 12 rounds cost ~0.3 s of CPU per password authentication.
password_hash_rounds = 4
[cache]
enabled = true
backend = dogpile.cache.memory
EOF

  cat > "$ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
log_file = $LOGS/glance-api.log
enabled_backends = fs:file
[database]
connection = $DB/glance
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $AIO_DIR/glance/images/
[os_glance_tasks_store]
filesystem_store_datadir = $AIO_DIR/glance/tasks
[os_glance_staging_store]
filesystem_store_datadir = $AIO_DIR/glance/staging
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
$(keystone_authtoken glance)
EOF

  cat > "$ETC/placement/placement.conf" <<EOF
[DEFAULT]
log_file = $LOGS/placement-api.log
[api]
auth_strategy = keystone
[placement_database]
connection = $DB/placement
$(keystone_authtoken placement)
EOF

  cat > "$ETC/nova/nova.conf" <<EOF
[DEFAULT]
transport_url = $RABBIT
my_ip = 127.0.0.1
host = aio
state_path = $AIO_DIR/nova
instances_path = $AIO_DIR/nova/instances
log_dir = $LOGS
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
compute_driver = fake.FakeDriver
# No neutron agent will ever report the VIF plugged: do not wait for that event.
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
[api]
auth_strategy = keystone
[api_database]
connection = $DB/nova_api
[database]
connection = $DB/nova
[conductor]
workers = 1
[scheduler]
workers = 1
[glance]
api_servers = http://127.0.0.1:9292
[oslo_concurrency]
lock_path = $AIO_DIR/nova/tmp
[vnc]
enabled = false
[spice]
enabled = false
[cinder]
os_region_name = RegionOne
[oslo_messaging_notifications]
driver = noop
$(keystone_authtoken nova)
$(service_auth placement placement)
$(service_auth neutron neutron)
EOF

  cat > "$ETC/neutron/neutron.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9696
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 0
core_plugin = ml2
service_plugins = router
allow_overlapping_ips = true
transport_url = $RABBIT
auth_strategy = keystone
state_path = $AIO_DIR/neutron
api_paste_config = /etc/neutron/api-paste.ini
log_file = $LOGS/neutron-server.log
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
dhcp_agent_notification = false
[database]
connection = $DB/neutron
[oslo_concurrency]
lock_path = $AIO_DIR/neutron/tmp
[oslo_messaging_notifications]
driver = noop
$(keystone_authtoken neutron)
$(service_auth nova nova)
EOF
  cat > "$ETC/neutron/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
mechanism_drivers = openvswitch
extension_drivers = port_security
[ml2_type_flat]
flat_networks = public
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
firewall_driver = noop
EOF

  cat > "$ETC/heat/heat.conf" <<EOF
[DEFAULT]
transport_url = $RABBIT
log_file = $LOGS/heat.log
num_engine_workers = 1
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
stack_user_domain_name = heat
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $PASSWORD
region_name_for_services = RegionOne
# openstack stack abandon (heatshift adopt's input): off by default in Heat.
enable_stack_abandon = true
[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1
[paste_deploy]
api_paste_config = /etc/heat/api-paste.ini
[database]
connection = $DB/heat
[clients_keystone]
auth_uri = $KEYSTONE
[oslo_messaging_notifications]
driver = noop
$(keystone_authtoken heat)
[trustee]
auth_type = password
auth_url = $KEYSTONE
username = heat
password = $PASSWORD
user_domain_name = Default
EOF
}

write_credentials() {
  cat > "$AIO_DIR/openrc" <<EOF
# Credentials of the loopback OpenStack (scripts/openstack-aio.sh): \`. .aio/openrc\`
export OS_AUTH_URL=$KEYSTONE/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=$PASSWORD
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
EOF
  cat > "$AIO_DIR/clouds.yaml" <<EOF
# The loopback OpenStack (scripts/openstack-aio.sh): OS_CLOUD=$CLOUD_NAME OS_CLIENT_CONFIG_FILE=$AIO_DIR/clouds.yaml
clouds:
  $CLOUD_NAME:
    auth:
      auth_url: $KEYSTONE/v3
      username: admin
      password: $PASSWORD
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOF
}

############################################################################ processes
pid_of() { local f=$RUN/$1.pid; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
listening() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q '127.0.0.1:'; }
wait_for() { # description timeout command...
  local what=$1 timeout=$2 i; shift 2
  for ((i = 0; i < timeout * 2; i++)); do "$@" && return 0; sleep 0.5; done
  die "$what not ready after ${timeout}s (see $LOGS)"
}
spawn() { # name command... : own session and process group, so `down` can stop all of its workers
  local name=$1; shift
  pid_of "$name" >/dev/null && return 0
  setsid "$@" >> "$LOGS/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
  say "started $name (pid $!)"
}
uwsgi_app() { # name port wsgi-script
  # uwsgi's --http-socket with client keep-alive resets connections: answer with "Connection: close".
  spawn "$1" uwsgi --plugin python3 --http-socket "127.0.0.1:$2" --wsgi-file "$3" --master --processes 1 \
    --threads 8 --lazy-apps --die-on-term --enable-threads --buffer-size 65535 --need-app \
    --procname-prefix "$1 " --add-header "Connection: close"
}
start_daemon() { # name
  case $1 in
    keystone) OS_KEYSTONE_CONFIG_FILES=$ETC/keystone/keystone.conf uwsgi_app keystone 5000 /usr/bin/keystone-wsgi-public ;;
    placement-api) OS_PLACEMENT_CONFIG_DIR=$ETC/placement uwsgi_app placement-api 8778 /usr/bin/placement-api ;;
    glance-api) spawn glance-api glance-api --config-file "$ETC/glance/glance-api.conf" ;;
    nova-compute)
      # The nova-compute package depends on a hypervisor; python3-nova has the same entry point.
      spawn nova-compute /usr/bin/python3 -c 'import sys; from nova.cmd.compute import main; sys.exit(main())' \
        --config-file "$ETC/nova/nova.conf" ;;
    nova-*) spawn "$1" "$1" --config-file "$ETC/nova/nova.conf" ;;
    neutron-server) spawn neutron-server neutron-server --config-file "$ETC/neutron/neutron.conf" \
      --config-file "$ETC/neutron/ml2_conf.ini" ;;
    heat-*) spawn "$1" "$1" --config-file "$ETC/heat/heat.conf" ;;
  esac
}
any_alive() { local pid; for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
stop_groups() { # name... : TERM each process group, wait up to 30 s for all of them, then KILL what is left
  local name pid pids=() i
  for name in "$@"; do
    if pid=$(pid_of "$name"); then kill -TERM -- "-$pid" 2>/dev/null || true; pids+=("$pid"); fi
    rm -f "$RUN/$name.pid"
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  for ((i = 0; i < 60; i++)); do any_alive "${pids[@]}" || break; sleep 0.5; done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  [ $# -eq 0 ] || say "stopped $*"
}

mariadb_up() { mysqladmin --defaults-file="$ETC/mysql/my.cnf" ping >/dev/null 2>&1; }
sql() { mysql --defaults-file="$ETC/mysql/my.cnf" "$@"; }
start_mariadb() {
  if [ ! -d "$AIO_DIR/mysql/mysql" ]; then
    rm -f "$STATE/databases-synced" # new, empty databases: sync and bootstrap them again
    mariadb-install-db --defaults-file="$ETC/mysql/my.cnf" --user=root >> "$LOGS/mariadb.out" 2>&1
  fi
  mariadb_up || spawn mariadb mariadbd --defaults-file="$ETC/mysql/my.cnf"
  wait_for mariadb 60 mariadb_up
  local db
  for db in keystone glance placement nova_api nova nova_cell0 neutron heat; do
    sql -e "CREATE DATABASE IF NOT EXISTS $db"
  done
  sql -e "CREATE USER IF NOT EXISTS 'openstack'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
          GRANT ALL ON *.* TO 'openstack'@'127.0.0.1'; FLUSH PRIVILEGES;"
}

# The package's wrappers in /usr/sbin switch to the rabbitmq user, who may not be able to enter the
# project's folder: run the real scripts as root, with the Erlang cookie in $AIO_DIR/rabbitmq.
rabbitmqctl() { HOME=$AIO_DIR/rabbitmq /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }
start_rabbitmq() {
  listening 5672 && return 0
  spawn rabbitmq env HOME="$AIO_DIR/rabbitmq" /usr/lib/rabbitmq/bin/rabbitmq-server
  wait_for rabbitmq 90 listening 5672
  # The user lives in rabbitmq's own database; each rabbitmqctl call costs an Erlang VM start.
  rabbitmqctl -q list_users 2>/dev/null | grep -q '^openstack' || rabbitmqctl -q add_user openstack "$PASSWORD" >/dev/null
  rabbitmqctl -q set_permissions openstack '.*' '.*' '.*' >/dev/null
}

sync_databases() { # once per fresh state; the syncs only need mariadb, so they run side by side
  local nova_manage="nova-manage --config-file $ETC/nova/nova.conf"
  ( glance-manage --config-file "$ETC/glance/glance-api.conf" db_sync ) > "$LOGS/sync-glance.log" 2>&1 &
  ( placement-manage --config-file "$ETC/placement/placement.conf" db sync ) > "$LOGS/sync-placement.log" 2>&1 &
  # nova's is the longest: each nova-manage run spends seconds importing nova, so list the cells once.
  ( set -e
    $nova_manage api_db sync
    cells=$($nova_manage cell_v2 list_cells)
    grep -q ' cell0 ' <<< "$cells" || $nova_manage cell_v2 map_cell0
    grep -q ' cell1 ' <<< "$cells" || $nova_manage cell_v2 create_cell --name=cell1
    $nova_manage db sync ) > "$LOGS/sync-nova.log" 2>&1 &
  ( neutron-db-manage --config-file "$ETC/neutron/neutron.conf" --config-file "$ETC/neutron/ml2_conf.ini" \
      upgrade heads ) > "$LOGS/sync-neutron.log" 2>&1 &
  ( heat-manage --config-file "$ETC/heat/heat.conf" db_sync ) > "$LOGS/sync-heat.log" 2>&1 &
  local failed=0 job
  for job in $(jobs -p); do wait "$job" || failed=1; done
  [ $failed = 0 ] || die "a database sync failed: see $LOGS/sync-*.log"
}

bootstrap_keystone() {
  local manage="keystone-manage --config-file $ETC/keystone/keystone.conf"
  $manage db_sync
  [ -f "$AIO_DIR/keystone/fernet-keys/0" ] || $manage fernet_setup --keystone-user root --keystone-group root
  [ -f "$AIO_DIR/keystone/credential-keys/0" ] || $manage credential_setup --keystone-user root --keystone-group root
  $manage bootstrap --bootstrap-password "$PASSWORD" --bootstrap-region-id RegionOne \
    --bootstrap-admin-url $KEYSTONE/v3 --bootstrap-internal-url $KEYSTONE/v3 --bootstrap-public-url $KEYSTONE/v3
}

register_fake_ovs_agent() {
  # No L2 agent runs here, and ML2/openvswitch binds a port only on a host with a live
  # "Open vSwitch agent". One agents row for nova's host 'aio', its heartbeat far in the future,
  # makes ports bind (vif_type ovs) so that servers go ACTIVE. Ports stay DOWN: there is no dataplane.
  local config='{"bridge_mappings": {"public": "br-ex"}, "tunnel_types": ["vxlan"], "tunneling_ip": "127.0.0.1",
    "integration_bridge": "br-int", "datapath_type": "system", "ovs_hybrid_plug": false, "l2_population": false,
    "enable_distributed_routing": false, "ovs_capabilities": {"datapath_types": ["system"], "iface_types": ["internal"]}}'
  sql neutron -e "INSERT INTO agents (id, agent_type, \`binary\`, topic, host, admin_state_up, created_at,
      started_at, heartbeat_timestamp, description, configurations, \`load\`, resources_synced)
    VALUES ('00000000-0000-0000-0000-00000000a001', 'Open vSwitch agent', 'neutron-openvswitch-agent', 'N/A',
      'aio', 1, NOW(), NOW(), '2099-01-01 00:00:00', 'stand-in agent of scripts/openstack-aio.sh (no dataplane)',
      '$config', 0, 1)
    ON DUPLICATE KEY UPDATE heartbeat_timestamp = '2099-01-01 00:00:00'"
}

memory_mb() { # resident memory of every process group this script started
  local groups
  groups=$(cat "$RUN"/*.pid 2>/dev/null || true)
  ps -eo pgid=,rss= | awk -v groups="$groups" 'BEGIN { n = split(groups, g); for (i = 1; i <= n; i++) want[g[i] + 0] = 1 }
    ($1 in want) { kb += $2 } END { printf "%d", kb / 1024 }'
}
http_up() { curl -s -o /dev/null --max-time 3 "http://127.0.0.1:$1/"; }

# The ports are fixed: a server this checkout did not start (another checkout's loopback OpenStack,
# say) would make a start below time out with no reason given. Say it now, and who holds the port.
check_ports_free() {
  local entry name port
  for entry in "mariadb 3306" "rabbitmq 5672" "${DAEMONS[@]}"; do
    name=${entry%% *} port=${entry##* }
    [ "$port" = 0 ] && continue
    if listening "$port" && ! pid_of "$name" >/dev/null; then
      die "127.0.0.1:$port (for $name) is held by a process this checkout did not start: $(ss -ltnpH "sport = :$port" | grep -o 'users:.*' | head -n 1). Another checkout's loopback OpenStack? Run 'npm run openstack -- down' there, or stop that process."
    fi
  done
}

cmd_up() {
  local t0=$SECONDS entry name port
  check_ports_free
  install_packages
  write_configs
  write_credentials
  [ -f "$AIO_DIR/my_key" ] || ssh-keygen -q -t rsa -b 2048 -N '' -C my_key -f "$AIO_DIR/my_key"
  start_mariadb
  start_rabbitmq &
  local rabbit_job=$!
  if [ ! -f "$STATE/databases-synced" ]; then
    sync_databases &
    local sync_job=$!
    bootstrap_keystone >> "$LOGS/keystone-manage.log" 2>&1 || die "keystone bootstrap failed: see $LOGS/keystone-manage.log"
    start_daemon keystone
    wait_for keystone 180 http_up 5000
    $BOOTSTRAP identity
    wait "$sync_job" || die "database sync failed"
    touch "$STATE/databases-synced"
  fi
  # keystone, glance and placement do not use rabbitmq: they start while the Erlang VM boots.
  start_daemon keystone; start_daemon glance-api; start_daemon placement-api
  wait "$rabbit_job" || die "rabbitmq did not start (see $LOGS/rabbitmq.out)"
  register_fake_ovs_agent
  for entry in "${DAEMONS[@]}"; do start_daemon "${entry%% *}"; done
  for entry in "${DAEMONS[@]}"; do
    name=${entry%% *} port=${entry##* }
    [ "$port" = 0 ] || wait_for "$name" 240 http_up "$port"
  done
  $BOOTSTRAP ready resources
  say "up in $((SECONDS - t0))s: $AIO_DIR/openrc, $AIO_DIR/clouds.yaml (cloud $CLOUD_NAME)"
}

cmd_status() {
  local down=0 entry name port
  row() { printf '%-16s %-5s %s\n' "$1" "$2" "$3"; [ "$2" = up ] || down=1; }
  if mariadb_up; then row mariadb up 127.0.0.1:3306; else row mariadb down "see $LOGS/mariadb.log"; fi
  if listening 5672; then row rabbitmq up 127.0.0.1:5672; else row rabbitmq down "see $LOGS/rabbitmq.out"; fi
  for entry in "${DAEMONS[@]}"; do
    name=${entry%% *} port=${entry##* }
    if ! pid_of "$name" >/dev/null; then row "$name" down "not running (see $LOGS/$name.out)"
    elif [ "$port" != 0 ] && ! http_up "$port"; then row "$name" down "running, 127.0.0.1:$port not answering"
    elif [ "$port" != 0 ]; then row "$name" up "127.0.0.1:$port pid $(pid_of "$name")"
    else row "$name" up "pid $(pid_of "$name")"
    fi
  done
  if [ $down = 0 ]; then
    $BOOTSTRAP check || down=1
  fi
  echo "memory: $(memory_mb) MB resident in all"
  return $down
}

cmd_down() {
  local entry names=()
  for entry in "${DAEMONS[@]}"; do names+=("${entry%% *}"); done
  stop_groups "${names[@]}"
  if listening 5672; then rabbitmqctl -q stop >/dev/null 2>&1 || true; fi
  stop_groups rabbitmq
  epmd -kill >/dev/null 2>&1 || true
  if mariadb_up; then mysqladmin --defaults-file="$ETC/mysql/my.cnf" shutdown || true; fi
  stop_groups mariadb
  say "down"
}

cmd_wipe() {
  cmd_down
  rm -rf "$ETC" "$RUN" "$STATE" "$AIO_DIR"/{mysql,rabbitmq,keystone,glance,nova,neutron} \
    "$AIO_DIR"/{openrc,clouds.yaml,my_key,my_key.pub,fake-image.img}
  say "wiped $AIO_DIR (logs kept)"
}

case "${1:-}" in
  up) cmd_up ;;
  down) if [ -d "$ETC" ]; then cmd_down; fi ;;
  status) cmd_status ;;
  wipe) if [ -d "$ETC" ]; then cmd_wipe; fi ;;
  install) install_packages ;;
  *) die "usage: scripts/openstack-aio.sh up|down|status|wipe|install" ;;
esac
