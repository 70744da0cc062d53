using OxyPlot;

namespace SfHsSync.Engine.Reports;

/// <summary>Draws a chart as an inline SVG element with OxyPlot's own SVG exporter (managed code only, no fonts or native libraries).</summary>
internal static class SvgChart
{
    public const double Width = 900;
    public const double Height = 340;

    public static string Render(PlotModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var exporter = new SvgExporter { Width = Width, Height = Height, IsDocument = false };
        var svg = exporter.ExportToString(model);

        // Inline in HTML the element is enough: drop any XML prologue the exporter writes before it.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
