/** Shared by the AWS presets: the provider's own hosts and the ids of AWS resources. */
export const AWS_DOMAINS = ['amazonaws.com', 'aws.amazon.com', 'console.aws.amazon.com', 'amazonaws.com.cn', 'awsstatic.com'];

export const AWS_METADATA = [
  'id', 'Id', 'arn', 'Arn', 'accountId', 'AwsAccountId', 'account', 'detectorId', 'instanceId', 'imageId', 'accessKeyId', 'principalId',
  'networkInterfaceId', 'subnetId', 'vpcId', 'groupId', 'securityGroups', 'ownerId', 'privateDnsName', 'privateIpAddress', 'privateIpAddresses',
  'iamInstanceProfile', 'ProductArn', 'GeneratorId', 'SourceUrl', 'Remediation', 'resources', 'Resources[*].Id', 'userName', 'sessionName', 'ipv6Addresses',
  'aws/securityhub/FindingId', 'aws/securityhub/ProductName', 'aws/securityhub/CompanyName', 'aws/guardduty/service/detectorId', 'RelatedFindings', 'productArn',
];
