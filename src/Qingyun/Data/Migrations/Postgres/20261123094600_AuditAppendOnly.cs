using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only in the database too, not only in the application.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
                CREATE TRIGGER "AuditLog_AppendOnly" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
                """);
            // Prefix searches on the materialized path use this index whatever the database collation.
            migrationBuilder.Sql("""CREATE INDEX "IX_OrgUnits_Path_Pattern" ON "OrgUnits" ("Path" text_pattern_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_OrgUnits_Path_Pattern";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditLog_AppendOnly" ON "AuditLog"; DROP FUNCTION IF EXISTS audit_log_append_only();""");
        }
    }
}
