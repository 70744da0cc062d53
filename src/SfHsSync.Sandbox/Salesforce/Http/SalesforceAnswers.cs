using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Data;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>How the emulated REST API writes its answers: JSON bodies, Salesforce's error arrays, record URLs.</summary>
internal static class SalesforceAnswers
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    // Salesforce writes quotes, '+' and '<' as they are; the default encoder would escape them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Salesforce's REST error body: an array of <c>{"message","errorCode","fields"?}</c>.</summary>
    public static Task Error(HttpContext context, int status, string errorCode, string message, IReadOnlyList<string>? fields = null)
        => Json(context, status, w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("errorCode", errorCode);
            if (fields is { Count: > 0 })
            {
                w.WriteStartArray("fields");
                foreach (var f in fields)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndArray();
        });

    public static Task Error(HttpContext context, int status, RecordError error) => Error(context, status, error.StatusCode, error.Message, error.Fields);

    public static Task NotFound(HttpContext context) => Error(context, 404, "NOT_FOUND", "The requested resource does not exist");

    /// <summary>The request body as JSON; null after answering 400 JSON_PARSER_ERROR when it is not JSON.</summary>
    public static async Task<JsonDocument?> ReadJson(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await Error(context, 400, "JSON_PARSER_ERROR", $"The request body is not valid JSON: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The API version of the call, e.g. "62.0".</summary>
    public static string Version(HttpContext context) => (string)context.Request.RouteValues["version"]!;

    public static string RecordUrl(HttpContext context, string objectName, string id) => $"/services/data/v{Version(context)}/sobjects/{objectName}/{id}";

    /// <summary>Writes <c>{"attributes":{"type","url"}</c> as the start of a record object.</summary>
    public static void WriteAttributes(Utf8JsonWriter w, HttpContext context, string objectName, string? id)
    {
        w.WriteStartObject("attributes");
        w.WriteString("type", objectName);
        if (id is not null)
        {
            w.WriteString("url", RecordUrl(context, objectName, id));
        }

        w.WriteEndObject();
    }

    /// <summary>One SaveResult as sObject Collections answer it: errors carry <c>statusCode</c>, not <c>errorCode</c>.</summary>
    public static void WriteSaveResult(Utf8JsonWriter w, WriteOutcome outcome, bool withCreated)
    {
        w.WriteStartObject();
        // A record that was never created has no id: Salesforce leaves the member out.
        if (outcome.Id is not null)
        {
            w.WriteString("id", outcome.Id);
        }

        w.WriteBoolean("success", outcome.Success);
        w.WriteStartArray("errors");
        foreach (var e in outcome.Errors)
        {
            w.WriteStartObject();
            w.WriteString("statusCode", e.StatusCode);
            w.WriteString("message", e.Message);
            w.WriteStartArray("fields");
            foreach (var f in e.Fields)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (withCreated)
        {
            w.WriteBoolean("created", outcome.Success && outcome.Created);
        }

        w.WriteEndObject();
    }
}
