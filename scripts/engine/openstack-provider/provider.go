package provider

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/terraform-provider-openstack/terraform-provider-openstack/v3/openstack"
)

func Provider() tfbridge.ProviderInfo {
	return tfbridge.ProviderInfo{P: shimv2.NewProvider(openstack.Provider())}
}
