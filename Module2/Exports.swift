// Importing a stage brings in the stages below it: `import Module2` is enough to use `Scalar`,
// `Operators` and `Module` as well.
@_exported import Module1
