using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class ImageConfiguration : IEntityTypeConfiguration<Image>
{
    public void Configure(EntityTypeBuilder<Image> builder)
    {
        builder.ToTable("images");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.OriginalSha256).HasMaxLength(64);
        builder.Property(i => i.ThumbnailSha256).HasMaxLength(64);
        builder.Property(i => i.SquareSha256).HasMaxLength(64);
        builder.Property(i => i.Format).HasMaxLength(16);
        builder.Property(i => i.CutoutSha256).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a group goes through the service (blobs must be released), so the database refuses a silent cascade.
        builder.HasOne(i => i.Group).WithMany(g => g.Images).HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Restrict);
        // Blob rows are reference-counted explicitly; foreign keys keep a referenced blob row from disappearing.
        builder.HasOne<Blob>().WithMany().HasForeignKey(i => i.OriginalSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Blob>().WithMany().HasForeignKey(i => i.ThumbnailSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Blob>().WithMany().HasForeignKey(i => i.SquareSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Blob>().WithMany().HasForeignKey(i => i.CutoutSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.UserId, i.GroupId });
        builder.HasIndex(i => i.OriginalSha256);
    }
}
