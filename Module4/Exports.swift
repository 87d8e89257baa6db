// Importing a stage brings in the stages below it: `import Module4` is enough to use `Tensor`,
// `Scalar` and `Module` as well.
@_exported import Module3
