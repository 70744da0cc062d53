using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// Salesforce serves <c>//services/data/...</c> as <c>/services/data/...</c>. Clients build such paths from an instance
/// URL kept with its trailing slash: the Salesforce CLI stores <c>https://acme.my.salesforce.com/</c> after
/// <c>sf org login access-token</c>, and jsforce joins it with <c>/services/data</c>. Runs before routing.
/// </summary>
internal static class RepeatedSlashes
{
    public static Task Collapse(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            var collapsed = new System.Text.StringBuilder(path.Length);
            foreach (var c in path)
            {
                if (c != '/' || collapsed.Length == 0 || collapsed[^1] != '/')
                {
                    collapsed.Append(c);
                }
            }

            context.Request.Path = new PathString(collapsed.ToString());
        }

        return next();
    }
}
