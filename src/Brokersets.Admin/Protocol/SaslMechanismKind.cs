namespace Brokersets.Admin.Protocol;

/// <summary>The SASL mechanisms the built-in KIP-455 client can authenticate with.</summary>
internal enum SaslMechanismKind
{
    None = 0,
    Plain,
    ScramSha256,
    ScramSha512,
}
