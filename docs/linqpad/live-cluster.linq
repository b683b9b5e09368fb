<Query Kind="Statements">
  <NuGetReference>Brokersets</NuGetReference>
  <NuGetReference>Brokersets.Admin</NuGetReference>
  <Namespace>Brokersets</Namespace>
  <Namespace>Brokersets.Serialization</Namespace>
  <Namespace>Brokersets.Admin</Namespace>
  <Namespace>Confluent.Kafka</Namespace>
</Query>

// read-only: describes the cluster and analyses it; nothing is changed
string? bootstrap = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
if (string.IsNullOrEmpty(bootstrap))
{
    "Set KAFKA_BOOTSTRAP (e.g. broker1:9092) to read a cluster.".Dump();
    return;
}

using var kafka = ConfluentKafkaAdmin.Create(new AdminClientConfig { BootstrapServers = bootstrap });
ObservedCluster observed = await new ClusterAdmin(kafka).ReadClusterAsync();
observed.Cluster.Brokers.Dump("brokers and racks");
ClusterReport.Create(observed.Assignment, observed.Cluster).Dump("loads per broker and rack");
FailureImpact.Create(observed.Assignment, observed.Cluster).Dump("what each broker's and AZ's failure does");
