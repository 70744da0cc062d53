namespace SfHsSync.Cmdlets.Tests.Mapping;

/// <summary>A fresh folder per test for mapping files, removed afterwards.</summary>
public sealed class MappingFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sfhssync-cmdlets-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
