// Everything a video student file needs comes with this one import: the lab's contract, the runtime and
// the file-transfer machinery.
@_exported import FileTransfer
@_exported import LabKit
