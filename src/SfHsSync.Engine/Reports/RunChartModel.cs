using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>
/// An OxyPlot model with the runs along the bottom (one category each, labelled with the run id and start time) and a
/// value axis on the left, to which the report's charts add their bars and lines. Bars stand on the categories because
/// the value axis is the series' X axis and the category axis its Y axis (OxyPlot 2.2 draws BarSeries that way up).
/// </summary>
internal sealed class RunChartModel
{
    public const string RunsAxis = "runs";
    public const string ValueAxis = "values";
    public const string SecondAxis = "second";

    public RunChartModel(string title, IReadOnlyList<SyncRunRecord> runs, string valueTitle)
    {
        Model = new PlotModel
        {
            Title = title,
            TitleFontSize = 14,
            Background = OxyColors.White,
            // The exporter measures text with Helvetica's metrics; Arial (Liberation Sans on Linux) has the same widths, so legends fit.
            DefaultFont = "Arial",
            PlotAreaBorderColor = OxyColor.FromRgb(0xcc, 0xcc, 0xcc),
        };
        Model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Horizontal, LegendFontSize = 11, LegendItemSpacing = 60 });
        var axis = new CategoryAxis { Key = RunsAxis, Position = AxisPosition.Bottom, Title = "run", Angle = runs.Count > 8 ? -45 : 0, GapWidth = 0.3 };
        axis.Labels.AddRange(runs.Select(Label));
        Model.Axes.Add(axis);
        Model.Axes.Add(new LinearAxis
        {
            Key = ValueAxis,
            Position = AxisPosition.Left,
            Title = valueTitle,
            Minimum = 0,
            MinimumPadding = 0,
            MaximumPadding = 0.1,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromRgb(0xdd, 0xdd, 0xdd),
        });
    }

    public PlotModel Model { get; }

    /// <summary>A bar per run; bars of one <paramref name="stack"/> pile up, different stacks stand side by side.</summary>
    public void Bars(string title, IEnumerable<double> values, OxyColor color, string? stack = null)
    {
        var series = new BarSeries
        {
            Title = title,
            XAxisKey = ValueAxis,
            YAxisKey = RunsAxis,
            FillColor = color,
            IsStacked = stack is not null,
            StackGroup = stack ?? string.Empty,
            StrokeThickness = 0,
        };
        series.Items.AddRange(values.Select(v => new BarItem(v)));
        Model.Series.Add(series);
    }

    /// <summary>A line across the runs (one point per run; a run with no value leaves a gap), on the left axis or the second one.</summary>
    public void Line(string title, IEnumerable<double?> values, OxyColor color, bool secondAxis = false, LineStyle style = LineStyle.Solid)
    {
        var series = new LineSeries
        {
            Title = title,
            XAxisKey = RunsAxis,
            YAxisKey = secondAxis ? SecondAxis : ValueAxis,
            Color = color,
            LineStyle = style,
            StrokeThickness = 2,
            MarkerType = MarkerType.Circle,
            MarkerSize = 3,
            MarkerFill = color,
        };
        var index = 0;
        foreach (var value in values)
        {
            series.Points.Add(value is { } v ? new DataPoint(index, v) : DataPoint.Undefined);
            index++;
        }

        Model.Series.Add(series);
    }

    /// <summary>A second value axis on the right, for a line measured in other units.</summary>
    public void SecondValueAxis(string title)
        => Model.Axes.Add(new LinearAxis { Key = SecondAxis, Position = AxisPosition.Right, Title = title, Minimum = 0, MinimumPadding = 0, MaximumPadding = 0.1 });

    private static string Label(SyncRunRecord run)
        => string.Create(CultureInfo.InvariantCulture, $"#{run.Id} {run.StartedAt.UtcDateTime:MM-dd HH:mm}");
}
