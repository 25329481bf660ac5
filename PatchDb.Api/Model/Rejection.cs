namespace PatchDb.Api.Model;

/// <summary>"Not this one": the collector said this photo is not of this group's design, so the group is never proposed
/// for it again. Goes with the photo or the group.</summary>
public sealed class Rejection
{
    public Guid ImageId { get; set; }

    public Guid GroupId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
