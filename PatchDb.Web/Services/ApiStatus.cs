namespace PatchDb.Web.Services;

/// <summary>Whether the Api answered the last call, per user circuit; the banner and pages listen to it.</summary>
public sealed class ApiStatus
{
    public bool IsReachable { get; private set; } = true;

    /// <summary>Raised (on any thread) when reachability flips.</summary>
    public event Action? Changed;

    public void ReportReachable() => Set(true);

    public void ReportUnreachable() => Set(false);

    private void Set(bool reachable)
    {
        if (IsReachable == reachable)
        {
            return;
        }

        IsReachable = reachable;
        Changed?.Invoke();
    }
}
