using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>Loads the RSA key that signs JWT bearer assertions from a PEM file or a PFX (PKCS#12) file.</summary>
internal static class SalesforcePrivateKey
{
    public static RSA Load(string path, SecureString? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new SyncException("SalesforcePrivateKeyNotFound", SyncErrorKind.ObjectNotFound,
                $"The private key file '{path}' for the Salesforce JWT bearer flow was not found.", path);
        }

        var extension = Path.GetExtension(path);
        try
        {
            return extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
                ? FromPfx(path, password)
                : FromPem(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The inner exception stays out: a parser's message may quote bytes of the key.
            throw new SyncException("SalesforcePrivateKeyInvalid", SyncErrorKind.InvalidData,
                $"The private key file '{path}' could not be read as an RSA private key ({ex.GetType().Name}). " +
                "Use a PEM file (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY with -PrivateKeyPassword) or a PFX file with its password.",
                path);
        }
    }

    private static RSA FromPem(string path, SecureString? password)
    {
        var pem = File.ReadAllText(path);
        var rsa = RSA.Create();
        try
        {
            if (pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            {
                if (password is null)
                {
                    throw new SyncException("SalesforcePrivateKeyPasswordMissing", SyncErrorKind.InvalidArgument,
                        $"The private key file '{path}' is encrypted: give its password (-PrivateKeyPassword).", path);
                }

                rsa.ImportFromEncryptedPem(pem, SecretText.Reveal(password));
            }
            else if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(pem);
            }
            else
            {
                throw new CryptographicException("The PEM file holds no private key.");
            }

            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static RSA FromPfx(string path, SecureString? password)
    {
        using var certificate = new X509Certificate2(path, password, X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
        using var key = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("The PFX file holds no RSA private key.");
        // Copy the key out so it outlives the certificate handle.
        var copy = RSA.Create();
        copy.ImportParameters(key.ExportParameters(includePrivateParameters: true));
        return copy;
    }
}
