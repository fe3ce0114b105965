import SyncProtocol
import Testing

@Test func protocolVersionIsOne() {
    #expect(SyncProtocolVersion.current == 1)
}
