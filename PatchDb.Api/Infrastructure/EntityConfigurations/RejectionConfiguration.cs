using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class RejectionConfiguration : IEntityTypeConfiguration<Rejection>
{
    public void Configure(EntityTypeBuilder<Rejection> builder)
    {
        builder.ToTable("rejections");
        builder.HasKey(r => new { r.ImageId, r.GroupId });
        builder.HasOne<Image>().WithMany().HasForeignKey(r => r.ImageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ImageGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.GroupId);
    }
}
