namespace PatchDb.Tests.AppHost;

/// <summary>AppHost tests start a whole system each (DCP, dashboard, servers, services): one at a time on 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection
{
    public const string Name = "AppHost";
}
