using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PathCollationC : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // With byte-order collation the ordinary index on Path serves both prefix and range searches.
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_OrgUnits_Path_Pattern";""");
            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1024)",
                oldMaxLength: 1024,
                oldCollation: "C");
            migrationBuilder.Sql("""CREATE INDEX "IX_OrgUnits_Path_Pattern" ON "OrgUnits" ("Path" text_pattern_ops);""");
        }
    }
}
