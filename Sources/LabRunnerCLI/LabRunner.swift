public enum LabRunner {}
