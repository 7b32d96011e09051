/// Placeholder; replaced by the MemMap implementation.
public struct MemMapPlaceholder {}
