using System.Net;
using System.Text;

namespace SfHsSync.Engine.Tests.Sandbox;

/// <summary>
/// Answers the engine's clients on loopback with recorded answers of the real services (Sandbox/Fixtures), one file per
/// path; a path with no recording is answered 404 and remembered, so a test sees every call it did not expect.
/// </summary>
internal sealed class RecordedServices : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, string> _answers;
    private readonly Task _serving;

    public RecordedServices(IReadOnlyDictionary<string, string> answers)
    {
        _answers = answers;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Paths asked for that had no recording.</summary>
    public List<string> Unanswered { get; } = [];

    /// <summary>Every path asked for, in order.</summary>
    public List<string> Asked { get; } = [];

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sandbox", "Fixtures", name));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (Asked)
            {
                Asked.Add(path);
            }

            var answer = _answers.FirstOrDefault(a => path.EndsWith(a.Key, StringComparison.Ordinal)).Value;
            if (answer is null)
            {
                lock (Unanswered)
                {
                    Unanswered.Add(path);
                }
            }

            var body = Encoding.UTF8.GetBytes(answer ?? "{\"message\":\"no recording\"}");
            context.Response.StatusCode = answer is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
