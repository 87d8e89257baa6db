// Importing a stage brings in the stages below it: `import Module3` is enough to use `Tensor`,
// `Scalar` and `Operators` as well.
@_exported import Module2
