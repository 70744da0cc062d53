namespace SfHsSync.Engine.HubSpot;

/// <summary>Which of HubSpot's budgets a call spends: search has its own per-second limit on top of the rolling one.</summary>
internal enum HubSpotCallKind
{
    Standard,
    Search,
}
