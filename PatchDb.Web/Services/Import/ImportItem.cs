using Microsoft.AspNetCore.Components.Forms;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services.Import;

/// <summary>One photo of a bulk import, from the browser's file to its outcome (filed, in the tray, or failed).</summary>
public sealed class ImportItem(IBrowserFile file)
{
    public IBrowserFile File => file;

    public string Name => file.Name;

    /// <summary>One key per file for all its attempts: a retry after a lost answer returns the first upload.</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    public ImportState State { get; set; }

    /// <summary>How much of the file has reached the server (0..100).</summary>
    public int Percent { get; private set; }

    public int Attempts { get; set; }

    public string? Message { get; set; }

    public PatchImage? Patch { get; set; }

    /// <summary>The group it was filed into automatically (a confirmed match), until undone.</summary>
    public GroupMatch? FiledInto { get; set; }

    /// <summary>It failed because the session ended (a reload or a new sign-in lets it be sent again).</summary>
    public bool NeedsSignIn { get; set; }

    public bool IsFinished => State is ImportState.Filed or ImportState.InTray or ImportState.Failed;

    /// <summary>Sets the progress; true when it moved by a visible step (so the list is not redrawn per chunk).</summary>
    public bool SetPercent(int percent)
    {
        var step = percent / 10 != Percent / 10 || percent == 100;
        Percent = percent;
        return step;
    }
}
