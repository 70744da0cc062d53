namespace SfHsSync.Engine.Mapping;

/// <summary>
/// Where a mapping, field or association was read from, so later diagnostics can point at the line to fix.
/// Line and column count from 1.
/// </summary>
public sealed record MappingSource(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
