using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchDb.Api.Infrastructure.Migrations;

// Written by hand, like InitialSchema; MigrationSchemaTests compares the result with the model.
[DbContext(typeof(PatchDbContext))]
[Migration("20261201110000_AddUploadKeys")]
public sealed class AddUploadKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE upload_keys (
                user_id uuid NOT NULL,
                key character varying(200) NOT NULL,
                request_sha256 character varying(64) NOT NULL,
                image_id uuid,
                response text,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT "PK_upload_keys" PRIMARY KEY (user_id, key),
                CONSTRAINT "FK_upload_keys_images_image_id" FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE CASCADE,
                CONSTRAINT "FK_upload_keys_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE INDEX "IX_upload_keys_created_at" ON upload_keys (created_at);
            CREATE INDEX "IX_upload_keys_image_id" ON upload_keys (image_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE upload_keys;");
    }
}
