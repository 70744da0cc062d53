using System.Runtime.InteropServices;
using System.Security;

namespace SfHsSync.Engine.Connections;

/// <summary>Turns secrets into SecureStrings and back only at the moment an HTTP header needs them.</summary>
public static class SecretText
{
    public static SecureString ToSecureString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static string Reveal(SecureString secure)
    {
        ArgumentNullException.ThrowIfNull(secure);
        var ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(ptr) ?? string.Empty;
        }
        finally
        {
            if (ptr != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
