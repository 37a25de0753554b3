# Training, export and evaluation code for the QRS annotator (Debian python3-torch).
