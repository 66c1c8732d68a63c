using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FlowYearCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A flow's year cell (month 0, no key) beside its months (decision 014, amendment of 2026-11-24): OwnFigures
            // writes it from now on; this adds it to the cells already counted, so no recount is needed. The codes are
            // the catalogue's flows as of this migration.
            migrationBuilder.Sql(
                """
                INSERT INTO "FigureTallies" ("UnitId", "Year", "Code", "Month", "Key", "Own", "Total")
                SELECT "UnitId", "Year", "Code", 0, '', SUM("Own"), SUM("Total")
                FROM "FigureTallies"
                WHERE "Month" >= 1 AND "Code" IN ('members.new','members.recommended','youth.activities','youth.persontimes','youth.menu','service.activities','service.hours','service.persontimes','assist.visits','assist.planned','building.built','building.members','direct.contacts')
                GROUP BY "UnitId", "Year", "Code"
                HAVING SUM("Own") <> 0 OR SUM("Total") <> 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DELETE FROM "FigureTallies" WHERE "Month" = 0 AND "Key" = '' AND "Code" IN ('members.new','members.recommended','youth.activities','youth.persontimes','youth.menu','service.activities','service.hours','service.persontimes','assist.visits','assist.planned','building.built','building.members','direct.contacts');
                """);
        }
    }
}
