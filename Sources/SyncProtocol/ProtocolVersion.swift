public enum SyncProtocolVersion { public static let current = 1 }
