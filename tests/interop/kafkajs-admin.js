// kafkajs 2.2 (an independent client) against the Brokersets test broker: lists brokers, creates a topic with explicit
// replicas, alters and lists reassignments, cancels one, and reads configs. Prints one JSON object with what kafkajs
// decoded at each step; tests/Brokersets.Admin.Tests/Interop/KafkajsTests.cs asserts it against the broker's state.
// Usage: node kafkajs-admin.js BOOTSTRAP_SERVERS TOPIC
'use strict'

const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs')
const Encoder = require('kafkajs/src/protocol/encoder')
const reassignments = require('kafkajs/src/protocol/requests/alterPartitionReassignments')

// kafkajs 2.2 has no way to cancel a reassignment: its admin API requires a replica array and its
// AlterPartitionReassignments v0 encoder always writes one. A partition given as { partition, replicas: [], cancel: true }
// is encoded here with KIP-455's null replica array instead (the only difference); kafkajs still picks the version,
// routes the request to the controller and decodes the response.
const kafkajsProtocol = reassignments.protocol
reassignments.protocol = ({ version }) => {
  const build = kafkajsProtocol({ version })
  return ({ topics, timeout }) => {
    const built = build({ topics, timeout })
    if (!topics.some(t => t.partitionAssignment.some(p => p.cancel))) return built
    const partition = ({ partition, replicas, cancel }) =>
      new Encoder()
        .writeInt32(partition)
        .writeUVarIntArray(cancel ? null : replicas.map(r => new Encoder().writeInt32(r)))
        .writeUVarIntBytes()
    const topic = ({ topic, partitionAssignment }) =>
      new Encoder().writeUVarIntString(topic).writeUVarIntArray(partitionAssignment.map(partition)).writeUVarIntBytes()
    built.request.encode = async () =>
      new Encoder().writeUVarIntBytes().writeInt32(timeout || 5000).writeUVarIntArray(topics.map(topic)).writeUVarIntBytes()
    return built
  }
}

// The Kafka error names kafkajs decoded (an aggregate error carries one per partition).
const errorTypes = e => (e.errors ? e.errors.map(x => x.type || x.name).join(',') : e.type || e.name)

async function main() {
  const [bootstrap, topic] = process.argv.slice(2)
  const kafka = new Kafka({ clientId: 'brokersets-interop', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } })
  const admin = kafka.admin()
  await admin.connect()
  const out = {}
  try {
    out.cluster = await admin.describeCluster()
    out.created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{
        topic,
        replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }, { partition: 1, replicas: [3, 2, 1] }],
        configEntries: [{ name: 'leader.replication.throttled.replicas', value: '0:1' }],
      }],
    })
    // kafkajs answers false when every topic failed with TOPIC_ALREADY_EXISTS, and throws on any other error.
    out.createdAgain = await admin.createTopics({ topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1] }] }] })
    out.afterCreate = (await admin.fetchTopicMetadata({ topics: [topic] })).topics
    await admin.alterPartitionReassignments({
      topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [4, 5, 6] }, { partition: 1, replicas: [2, 1, 4] }] }],
    })
    out.listed = await admin.listPartitionReassignments({})
    await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 1, replicas: [], cancel: true }] }] })
    out.listedAfterCancel = await admin.listPartitionReassignments({})
    out.cancelAgain = await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 1, replicas: [], cancel: true }] }] })
      .then(() => 'no error', errorTypes)
    out.unknownBroker = await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 1, replicas: [1, 99] }] }] })
      .then(() => 'no error', errorTypes)
    out.afterCancel = (await admin.fetchTopicMetadata({ topics: [topic] })).topics
    out.configs = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }, { type: ConfigResourceTypes.BROKER, name: '1' }],
    })
  } finally {
    await admin.disconnect()
  }

  process.stdout.write(JSON.stringify(out))
}

main().catch(e => {
  process.stderr.write(`kafkajs: ${e.type || e.name}: ${e.message}\n`)
  process.exit(1)
})
