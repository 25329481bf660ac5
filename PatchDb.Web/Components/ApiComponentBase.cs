using Microsoft.AspNetCore.Components;
using PatchDb.Web.Services;

namespace PatchDb.Web.Components;

/// <summary>
/// Base of pages that call the Api: turns failures into <see cref="ErrorMessage"/>, sends the user to sign in
/// when the session has ended, and reloads when the Api becomes reachable again.
/// </summary>
public abstract class ApiComponentBase : ComponentBase, IDisposable
{
    [Inject] protected ApiClient Api { get; set; } = default!;

    [Inject] protected ApiStatus ApiStatus { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected string? ErrorMessage { get; set; }

    protected bool Busy { get; private set; }

    protected override void OnInitialized() => ApiStatus.Changed += OnApiStatusChanged;

    /// <summary>Runs an Api call; returns false (with <see cref="ErrorMessage"/> set) when it failed.</summary>
    protected async Task<bool> RunAsync(Func<Task> call)
    {
        Busy = true;
        try
        {
            await call();
            ErrorMessage = null;
            return true;
        }
        catch (ApiException e) when (e.IsRefreshable)
        {
            // A circuit keeps the session it started with; a fresh request lets the cookie renew the access token.
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
            return false;
        }
        catch (ApiException e) when (e.IsUnauthorized)
        {
            var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo($"signin?expired=true&returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
            return false;
        }
        catch (ApiException e)
        {
            ErrorMessage = e.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Called when the Api answers again after being unreachable; pages reload their data here.</summary>
    protected virtual Task OnApiRestoredAsync() => Task.CompletedTask;

    private void OnApiStatusChanged()
    {
        if (ApiStatus.IsReachable)
        {
            _ = InvokeAsync(async () =>
            {
                await OnApiRestoredAsync();
                StateHasChanged();
            });
        }
    }

    public virtual void Dispose()
    {
        ApiStatus.Changed -= OnApiStatusChanged;
        GC.SuppressFinalize(this);
    }
}
