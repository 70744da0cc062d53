using System.Text;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// Mapping files on disk: read whole (UTF-8, with or without BOM), written atomically (a temporary file beside the
/// target, then a move) as UTF-8 without BOM, so a failure never leaves a half-written file behind.
/// Reading and writing are synchronous on purpose: a mapping file is a few kilobytes on a local disk.
/// </summary>
public static class SyncMappingFile
{
    public const string NotFoundErrorId = "SyncMappingFileNotFound";
    public const string ExistsErrorId = "SyncMappingFileExists";
    public const string ReadFailedErrorId = "SyncMappingFileReadFailed";
    public const string WriteFailedErrorId = "SyncMappingFileWriteFailed";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads every mapping in the file at <paramref name="path"/>; each carries the file, line and column it came from.</summary>
    public static IReadOnlyList<SyncMapping> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full, StrictUtf8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SyncException(NotFoundErrorId, SyncErrorKind.ObjectNotFound, $"The mapping file '{full}' was not found.", full, ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new SyncException(SyncMappingYamlReader.InvalidErrorId, SyncErrorKind.InvalidData, $"The mapping file '{full}' is not UTF-8 text: {ex.Message}", full, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SyncException(ReadFailedErrorId, SyncErrorKind.ReadError, $"The mapping file '{full}' could not be read: {ex.Message}", full, ex);
        }

        return SyncMappingYamlReader.Read(text, full);
    }

    /// <summary>Reads the mappings of a file and its run settings (see <see cref="SyncFileSettings"/>).</summary>
    public static (IReadOnlyList<SyncMapping> Mappings, SyncFileSettings Settings) ReadWithSettings(string path)
    {
        var mappings = Read(path);
        var full = Path.GetFullPath(path);
        return (mappings, SyncMappingYamlReader.ReadSettings(File.ReadAllText(full, StrictUtf8), full));
    }

    /// <summary>
    /// Writes <paramref name="mappings"/> to <paramref name="path"/> and returns the full path. An existing file is
    /// replaced only with <paramref name="overwrite"/>; otherwise SyncMappingFileExists.
    /// </summary>
    public static string Write(string path, IReadOnlyList<SyncMapping> mappings, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var text = SyncMappingYamlWriter.Write(mappings);

        // A file this module could not read back, or would read back differently, is never written.
        var readBack = SyncMappingYamlReader.Read(text, full);
        if (!readBack.SequenceEqual(mappings))
        {
            throw new SyncException(WriteFailedErrorId, SyncErrorKind.WriteError, $"The mappings could not be written to '{full}': the YAML would not read back as the same mappings.", full);
        }

        if (Directory.Exists(full))
        {
            throw new SyncException(WriteFailedErrorId, SyncErrorKind.WriteError, $"'{full}' is a folder; give the path of a mapping file, e.g. '{Path.Combine(full, "mappings.yml")}'.", full);
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new SyncException(WriteFailedErrorId, SyncErrorKind.ObjectNotFound, $"The folder '{folder}' does not exist, so '{full}' cannot be written.", full);
        }

        if (!overwrite && File.Exists(full))
        {
            throw Exists(full, null);
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, StrictUtf8);
            File.Move(temporary, full, overwrite);
        }
        catch (IOException ex) when (!overwrite && File.Exists(full))
        {
            throw Exists(full, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SyncException(WriteFailedErrorId, SyncErrorKind.WriteError, $"The mapping file '{full}' could not be written: {ex.Message}", full, ex);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return full;
    }

    private static SyncException Exists(string full, Exception? inner)
        => new(ExistsErrorId, SyncErrorKind.ResourceExists, $"The mapping file '{full}' already exists.", full, inner)
        {
            RecommendedAction = "Use -Force to replace it, or choose another path.",
        };
}
