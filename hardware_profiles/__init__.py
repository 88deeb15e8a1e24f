"""Hardware profiles: one YAML file per compute board (data, not code); see robotstack.profiles."""
