"""Question -> passages -> quote -> answer -> citation."""
