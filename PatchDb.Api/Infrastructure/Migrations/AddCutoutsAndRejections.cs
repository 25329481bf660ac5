using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand, like InitialSchema; MigrationSchemaTests compares the result with the model.
[DbContext(typeof(PatchDbContext))]
[Migration("20261201130000_AddCutoutsAndRejections")]
public sealed class AddCutoutsAndRejections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Images analysed before this migration have no cut-out until a re-index analyses them again.
        migrationBuilder.Sql("""
            ALTER TABLE images ADD cutout_sha256 character varying(64);
            ALTER TABLE images ADD cutout_confidence double precision;
            ALTER TABLE images ADD CONSTRAINT "FK_images_blobs_cutout_sha256" FOREIGN KEY (cutout_sha256) REFERENCES blobs (sha256) ON DELETE RESTRICT;
            CREATE INDEX "IX_images_cutout_sha256" ON images (cutout_sha256);
            CREATE TABLE rejections (
                image_id uuid NOT NULL,
                group_id uuid NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_rejections" PRIMARY KEY (image_id, group_id),
                CONSTRAINT "FK_rejections_groups_group_id" FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE,
                CONSTRAINT "FK_rejections_images_image_id" FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE
            );
            CREATE INDEX "IX_rejections_group_id" ON rejections (group_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE rejections;
            ALTER TABLE images DROP COLUMN cutout_confidence;
            ALTER TABLE images DROP COLUMN cutout_sha256;
            """);
    }
}
