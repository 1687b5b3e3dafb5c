import Testing
@testable import DocentCore

@Suite struct PlacementHoverLinkOrderTests {
    /// Personas with as many links each are listed in catalog order.
    @Test func tiedLinkCountsKeepCatalogOrder() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = PlacementTestWorkspace.searchBackend + "\nSee [Helm](../running/deploying-with-helm.md) and [modules](../extending/writing-a-backend-module.md).\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let hover = try #require(PlacementHover.hover(at: 3, in: path, snapshot: snapshot))
        #expect(hover.markdown.contains("\n\n**Links:** to 1 Administrator, 1 Integrator (pages of each persona's sections)\n\n"))
    }
}
