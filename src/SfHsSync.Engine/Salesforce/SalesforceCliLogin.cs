using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// Reuses a login an admin already has in the Salesforce CLI: <c>sf org display --json --target-org &lt;alias&gt;</c>
/// gives the instance URL and access token of an org the CLI is logged in to, so nobody copies tokens by hand (CLI
/// releases that redact the token there are asked <c>sf org auth show-access-token --json</c> for it). The token never
/// appears in messages; a CLI error is passed on with its name and message.
/// </summary>
public static class SalesforceCliLogin
{
    /// <summary>Environment variable naming the sf executable when it is not on PATH.</summary>
    public const string ExecutableVariable = "SFHSSYNC_SF_CLI";

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>An access-token connection to the org the CLI knows as <paramref name="alias"/> (an alias or username).</summary>
    public static async Task<SalesforceConnection> ConnectAsync(string alias, string? executable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var sf = string.IsNullOrWhiteSpace(executable) ? Environment.GetEnvironmentVariable(ExecutableVariable) ?? "sf" : executable;
        var display = await RunAsync(sf, alias, ["org", "display", "--json", "--target-org", alias], cancellationToken).ConfigureAwait(false);
        if (!HidesToken(display))
        {
            return Read(display, alias);
        }

        // Since 2025 the CLI redacts the token in org display; sf org auth show-access-token prints it.
        var token = await RunAsync(sf, alias, ["org", "auth", "show-access-token", "--json", "--target-org", alias], cancellationToken).ConfigureAwait(false);
        return Read(display, alias, token);
    }

    /// <summary>True when <c>sf org display --json</c> answered but hid the access token ("[REDACTED] Use 'sf org auth show-access-token' to view").</summary>
    public static bool HidesToken(string display)
    {
        try
        {
            using var doc = JsonDocument.Parse(display);
            return doc.RootElement.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
                && JsonMember.Text(result, "accessToken") is { } token && token.StartsWith("[REDACTED]", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads what <c>sf org display --json</c> printed, and, when the display hides the token, what
    /// <c>sf org auth show-access-token --json</c> printed (<paramref name="tokenOutput"/>).
    /// </summary>
    public static SalesforceConnection Read(string output, string alias, string? tokenOutput = null)
    {
        try
        {
            using var display = Result(output, alias);
            using var shown = tokenOutput is null ? null : Result(tokenOutput, alias);
            var instance = JsonMember.Text(display.RootElement.GetProperty("result"), "instanceUrl");
            var token = JsonMember.Text((shown ?? display).RootElement.GetProperty("result"), "accessToken");
            if (string.IsNullOrEmpty(token) || token.StartsWith("[REDACTED]", StringComparison.Ordinal) || !Uri.TryCreate(instance, UriKind.Absolute, out var url))
            {
                throw Failed($"The Salesforce CLI's org display for '{alias}' has no instance URL and access token.", alias);
            }

            return new SalesforceConnection(url, SecretText.ToSecureString(token));
        }
        catch (JsonException)
        {
            throw Failed($"The Salesforce CLI's answer for '{alias}' was not the JSON of sf org display --json.", alias);
        }
    }

    /// <summary>The parsed answer of a CLI command, or the CLI's own error (its name and message) as SalesforceCliLoginFailed.</summary>
    private static JsonDocument Result(string output, string alias)
    {
        var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        if (root.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) && code != 0
            || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            var name = JsonMember.Text(root, "name") ?? "error";
            var message = JsonMember.Text(root, "message") ?? "no message";
            doc.Dispose();
            throw Failed($"The Salesforce CLI has no usable login for '{alias}' ({name}): {message}", alias);
        }

        return doc;
    }

    private static async Task<string> RunAsync(string sf, string alias, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(sf) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        // No telemetry, and no background updater or update check left running after the command (oclif's own names).
        info.Environment["SF_DISABLE_TELEMETRY"] = "true";
        info.Environment["SF_AUTOUPDATE_DISABLE"] = "true";
        info.Environment["SF_DISABLE_AUTOUPDATE"] = "true";
        info.Environment["SF_SKIP_NEW_VERSION_CHECK"] = "true";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception();
        }
        catch (Win32Exception ex)
        {
            throw new SyncException("SalesforceCliNotFound", SyncErrorKind.ObjectNotFound,
                $"The Salesforce CLI '{sf}' could not be started ({ex.Message}): install it (npm install --global @salesforce/cli), or name it with {ExecutableVariable}.", sf);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw Failed($"The Salesforce CLI did not answer within {Timeout.TotalSeconds:0} seconds for '{alias}'.", alias);
            }

            return await stdout.ConfigureAwait(false);
        }
    }

    private static SyncException Failed(string message, string alias)
        => new("SalesforceCliLoginFailed", SyncErrorKind.AuthenticationError, message, alias)
        {
            RecommendedAction = $"Log in with the Salesforce CLI first (sf org login web --alias {alias}), or check the alias with sf org list.",
        };
}
