using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class YearCellsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_FigureTallies_YearCells",
                table: "FigureTallies",
                columns: new[] { "UnitId", "Year" },
                filter: "\"Month\" = 0")
                .Annotation("Npgsql:IndexInclude", new[] { "Code", "Month", "Key", "Own", "Total" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FigureTallies_YearCells",
                table: "FigureTallies");
        }
    }
}
