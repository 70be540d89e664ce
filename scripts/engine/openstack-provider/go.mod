module heatshift.local/openstack-provider

go 1.24.7

require (
	github.com/pulumi/pulumi-terraform-bridge/v3 v3.120.0
	github.com/terraform-provider-openstack/terraform-provider-openstack/v3 v3.4.0
)

// The bridge depends on Pulumi's fork of terraform-plugin-sdk/v2 (same replace as the bridge's own go.mod).
replace github.com/hashicorp/terraform-plugin-sdk/v2 => github.com/pulumi/terraform-plugin-sdk/v2 v2.0.0-20250923233607-7f1981c8674a
