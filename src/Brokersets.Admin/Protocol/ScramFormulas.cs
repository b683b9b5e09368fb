using System;
using System.Security.Cryptography;
using System.Text;

namespace Brokersets.Admin.Protocol;

/// <summary>The SCRAM computations of RFC 5802 for SHA-256 and SHA-512 (shared by the client and the test broker).</summary>
internal static class ScramFormulas
{
    public static HashAlgorithmName Hash(SaslMechanismKind kind) =>
        kind == SaslMechanismKind.ScramSha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    public static string MechanismName(SaslMechanismKind kind) => kind switch
    {
        SaslMechanismKind.Plain => "PLAIN",
        SaslMechanismKind.ScramSha256 => "SCRAM-SHA-256",
        SaslMechanismKind.ScramSha512 => "SCRAM-SHA-512",
        _ => "NONE",
    };

    public static byte[] SaltedPassword(SaslMechanismKind kind, string password, byte[] salt, int iterations)
    {
        HashAlgorithmName h = Hash(kind);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, h, HashLength(h));
    }

    public static byte[] Hmac(SaslMechanismKind kind, byte[] key, string data) =>
        kind == SaslMechanismKind.ScramSha512
            ? HMACSHA512.HashData(key, Encoding.UTF8.GetBytes(data))
            : HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static byte[] H(SaslMechanismKind kind, byte[] data) =>
        kind == SaslMechanismKind.ScramSha512 ? SHA512.HashData(data) : SHA256.HashData(data);

    /// <summary>ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage).</summary>
    public static byte[] ClientProof(SaslMechanismKind kind, byte[] saltedPassword, string authMessage)
    {
        byte[] clientKey = Hmac(kind, saltedPassword, "Client Key");
        byte[] signature = Hmac(kind, H(kind, clientKey), authMessage);
        for (int i = 0; i < clientKey.Length; i++)
        {
            clientKey[i] ^= signature[i];
        }

        return clientKey;
    }

    /// <summary>ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage).</summary>
    public static byte[] ServerSignature(SaslMechanismKind kind, byte[] saltedPassword, string authMessage) =>
        Hmac(kind, Hmac(kind, saltedPassword, "Server Key"), authMessage);

    /// <summary>Escapes a user name for a SCRAM attribute (<c>=</c> → <c>=3D</c>, <c>,</c> → <c>=2C</c>).</summary>
    public static string EscapeName(string name) => name.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    public static string UnescapeName(string name) => name.Replace("=2C", ",", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);

    /// <summary>Reads attribute <paramref name="key"/> (e.g. <c>r</c>) from a comma-separated SCRAM message.</summary>
    public static string? Attribute(string message, char key)
    {
        foreach (string part in message.Split(','))
        {
            if (part.Length >= 2 && part[0] == key && part[1] == '=')
            {
                return part[2..];
            }
        }

        return null;
    }

    private static int HashLength(HashAlgorithmName h) => h == HashAlgorithmName.SHA512 ? 64 : 32;
}
