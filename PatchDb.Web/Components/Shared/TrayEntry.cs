using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Components.Shared;

/// <summary>One ungrouped photo on the tray page, with its suggestions once the Api answered for it.</summary>
public sealed class TrayEntry(PatchImage image)
{
    public PatchImage Image => image;

    /// <summary>The Api's current answer for the photo (null while loading).</summary>
    public UploadResponse? Analysis { get; set; }

    public bool Selected { get; set; }

    /// <summary>Matches then candidates, best first, one per group, without the ones rejected in this view.</summary>
    public IReadOnlyList<GroupMatch> Suggestions => Analysis is null ? [] :
        Analysis.Matches.Concat(Analysis.Candidates)
            .Where(m => !Rejected.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(g => g.MaxBy(m => m.Score)!)
            .OrderByDescending(m => m.Score)
            .ToList();

    public HashSet<Guid> Rejected { get; } = [];
}
